# The RNN notebooks of Deep Learning with Python (1st ed., 6.2-6.3) on Keras 3.
#   make check    the fast tier, after every change (under a minute): the unit tests of the
#                 course package, the exercise checks, the study's report; no training,
#                 browser or subprocess
#   make test     everything CI checks: every unit test (the slow ones too: training,
#                 subprocesses, the decks in Chromium) + the notebooks checked by nbval,
#                 quick profile, on TensorFlow; the lessons and student copies on JAX too
#   make run      execute every notebook with the full profile into build/ (those that train
#                 once per seed), then write results/REPORT.md: the book's numbers next to ours.
#                 `make run BACKEND=jax`: the same on JAX, into build-jax/ and results/full-jax/
#   make bench    time one IMDB epoch of each recurrent layer on TensorFlow, TensorFlow + XLA
#                 and JAX, one after another (results/full/bench-cpu.json); then a Jena epoch of
#                 notebook 05's and 07's GRUs four ways, interleaved over 3 rounds, against the
#                 speed of its computation alone (bench-jena-cpu.json); both into the report
#   make keras2   notebook 03's LSTM with Keras 2.0.8's settings and with Keras 3's, 3 seeds each
#   make outputs  re-execute the committed notebooks in place (full profile): their stored outputs
#   make report   rewrite the report from the saved results
#   make lab      JupyterLab on notebooks/, with RISE (jupyterlab-rise) to present them live
#   make slides   the two lecture decks (lecture1.html, lecture2.html), a reveal.js deck per
#                 notebook, each notebook and the report as a page, and index.html linking them,
#                 from the stored outputs, into build/slides/: they open from disk with no
#                 network (libraries from slides/package-lock.json)
#   make exercises  the student copies of the exercise notebooks (NNe_*.ipynb) without their
#                 solution cells, into notebooks/student_NNe_*.ipynb (committed)
#   make grade    the exercise notebooks as nbgrader assignments in build/grading/ (release/:
#                 for students); `make grade SUBMISSIONS=dir` also grades dir/<student>/
#                 <assignment>/<notebook>.ipynb: build/grading/grades.csv and feedback/ (README)
# Each target first builds .venv from the pinned requirements.txt if it is missing or older.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
LESSONS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# The exercise notebooks' student copies (`make exercises`): no solutions, no stored outputs.
STUDENT_COPIES := $(sort $(wildcard notebooks/student_*.ipynb))

.PHONY: check test run bench keras2 outputs report lab slides exercises grade clean

# uv installs the same pinned wheels as pip, several at once: a fresh venv in 23-38 s here
# (2 cores), against pip's 59-67 s. It is pinned too, and installed into the venv by pip.
UV := uv==0.13.9

$(VENV)/installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

NBVAL := --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# Two workers, one per core: each test module and each notebook stays on one worker, its
# cells in order (nbval needs --dist loadscope). The 20 slowest tests are listed at the end:
# where CI's time goes.
PARALLEL := -n 2 --dist loadscope --durations=20

# The libraries the lecture decks load (reveal.js, MathJax, require.js, jQuery), pinned.
SLIDES_LIBS := slides/node_modules/.package-lock.json
$(SLIDES_LIBS): slides/package.json slides/package-lock.json
	cd slides && npm ci --no-audit --no-fund
	touch $@

# The fast tier: no notebook, so no nbval (it takes a second to load).
check: $(VENV)/installed
	RNN_QUICK=1 $(BIN)/python -m pytest -n 2 --dist loadscope tests -q -m "not slow" -p no:nbval

# Two passes at once. On TensorFlow (the default backend, the stored outputs'), on both cores:
# the unit tests (the lecture decks among them, in headless Chromium), the lessons, and the
# exercise notebooks with their solutions, strictly (the root conftest.py: every solution must
# pass its check). Its modules go out in the order tests/conftest.py sets (those that wait
# first, the fast tests last), not by number of tests, which started the long ones last.
# Beside it, in one process, on JAX: the lessons (the same code must print the same checked
# outputs on both) and the student copies as students get them (each check says "no answer
# yet"), so every cell a student runs runs on both backends, and the solutions train once
# (04e's GRU alone took 46 CPU-s on JAX). The first pass's tests wait on kills, Chromium and
# grading timeouts, and the JAX pass takes the cores they leave. Its report follows the
# first's. 07's quick runs keep their progress in a new folder each time, as in a clean clone:
# kept in checkpoints/, they would be loaded, not trained, from the second make test on.
test: $(VENV)/installed $(SLIDES_LIBS)
	export RNN_QUICK=1 RNN_CHECKPOINTS_DIR="$$(mktemp -d)"; jax_log="$$(mktemp)"; \
	trap 'kill $$on_jax 2>/dev/null; rm -rf "$$RNN_CHECKPOINTS_DIR" "$$jax_log"' EXIT; \
	trap 'exit 130' INT TERM; \
	KERAS_BACKEND=jax $(BIN)/python -m pytest --durations=20 $(LESSONS) $(STUDENT_COPIES) \
		$(NBVAL) >"$$jax_log" 2>&1 & on_jax=$$!; \
	$(BIN)/python -m pytest $(PARALLEL) --no-loadscope-reorder tests $(NOTEBOOKS) $(NBVAL); \
	tensorflow=$$?; \
	wait $$on_jax; jax=$$?; on_jax=; cat "$$jax_log"; \
	[ $$tensorflow -eq 0 ] && [ $$jax -eq 0 ]

# The notebooks whose results vary with the seed: `make run` runs them once more per extra seed.
SEEDED := $(wildcard notebooks/0[3-7]_*.ipynb)
EXTRA_SEEDS ?= 1 2
RUN_ALL := $(BIN)/python -m study.run_all
# The backend `make run` uses: tensorflow (the stored outputs') or jax.
BACKEND ?= tensorflow
BUILD := build$(if $(filter-out tensorflow,$(BACKEND)),-$(BACKEND))

run: $(VENV)/installed
	export KERAS_BACKEND=$(BACKEND); \
	RNN_QUICK=1 $(RUN_ALL) $(BUILD)/quick $(NOTEBOOKS) && \
	env -u RNN_QUICK RNN_SEED=0 $(RUN_ALL) $(BUILD) $(NOTEBOOKS) && \
	for seed in $(EXTRA_SEEDS); do \
		env -u RNN_QUICK RNN_SEED=$$seed $(RUN_ALL) $(BUILD)/seed$$seed $(SEEDED) || exit 1; \
	done
	$(BIN)/python -m study.report
	@echo "Executed notebooks: $(BUILD)/ (the committed ones are untouched). Report: results/REPORT.md"

bench: $(VENV)/installed
	env -u RNN_QUICK $(BIN)/python -m study.bench
	env -u RNN_QUICK $(BIN)/python -m study.bench_jena
	$(BIN)/python -m study.report

keras2: $(VENV)/installed
	env -u RNN_QUICK $(BIN)/python -m study.keras2
	$(BIN)/python -m study.report

outputs: $(VENV)/installed
	env -u RNN_QUICK -u KERAS_BACKEND RNN_SEED=0 RNN_CHECK_STRICT=1 $(RUN_ALL) --inplace $(NOTEBOOKS)

report: $(VENV)/installed
	$(BIN)/python -m study.report

lab: $(VENV)/installed
	$(BIN)/jupyter lab notebooks

# Nothing is executed: the decks show the outputs stored in the notebooks. Each cell's
# metadata.slideshow.slide_type makes it a slide, a fragment, speaker notes or skipped; the tag
# lecture-skip leaves it out of the lecture decks (tools/lectures.py).
slides: $(VENV)/installed $(SLIDES_LIBS)
	$(BIN)/python -m tools.build_decks
	@echo "Lectures: build/slides/lecture1.html, lecture2.html (S shows the speaker notes)"
	@echo "All decks and pages: build/slides/index.html"
	@echo "Check them: $(BIN)/python -m tools.check_slides [--report] (make test does)"

# The student copies: each exercise notebook without its cells tagged solution (tools/exercises.py).
exercises: $(VENV)/installed
	$(BIN)/python -m tools.exercises

# nbgrader (tools/grade.py): TIMEOUT, seconds a cell may run (default 600); JOBS, students at once.
grade: $(VENV)/installed
	$(BIN)/python -m tools.grade $(if $(SUBMISSIONS),--submissions "$(SUBMISSIONS)") \
		$(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(JOBS),--jobs $(JOBS))

clean:
	rm -rf build build-* .pytest_cache
