# The RNN notebooks of Deep Learning with Python (1st ed., 6.2-6.3) on Keras 3.
#   make test     unit tests + the notebooks checked by nbval, quick profile (what CI runs)
#   make run      execute every notebook with the full profile into build/
#   make outputs  re-execute the committed notebooks in place (full profile): their stored outputs
#   make lab      JupyterLab on notebooks/
# Each target first builds .venv from the pinned requirements.txt if it is missing or older.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
EXECUTE := $(BIN)/jupyter nbconvert --to notebook --execute \
	--ExecutePreprocessor.timeout=-1 --ExecutePreprocessor.record_timing=False

.PHONY: test run outputs lab clean

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

test: $(VENV)/installed
	RNN_QUICK=1 $(BIN)/python -m pytest tests $(NOTEBOOKS) \
		--nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

# Runs each notebook in its own process; a progress line per notebook, with its time.
define execute_all
	@for nb in $(NOTEBOOKS); do \
		start=$$(date +%s); printf '%-45s' "$$nb"; \
		log=build/$$(basename $$nb .ipynb).log; \
		if env -u RNN_QUICK $(EXECUTE) $(1) "$$nb" >"$$log" 2>&1; \
		then echo "done in $$(( $$(date +%s) - start )) s"; \
		else echo "FAILED (log: $$log)"; tail -n 20 "$$log"; exit 1; fi; \
	done
endef

run: $(VENV)/installed
	@mkdir -p build
	$(call execute_all,--output-dir build)
	@echo "Executed notebooks (full profile) are in build/; the committed ones are untouched."

outputs: $(VENV)/installed
	@mkdir -p build
	$(call execute_all,--inplace)

lab: $(VENV)/installed
	$(BIN)/jupyter lab notebooks

clean:
	rm -rf build .pytest_cache
