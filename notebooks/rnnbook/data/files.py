"""Plumbing: where the repository is and downloads go, offline copies, checked downloads,
safe reading of .npz files, atomic writes."""

import hashlib
import io
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np

__all__ = ["IN_REPO", "DOWNLOAD_DIR", "data_dir", "offline_file", "file_digest", "download",
           "RefusedPickle", "NumpyOnlyUnpickler", "read_npy", "read_npz", "write_atomic"]

# In the repository, downloads are cached in data/ (results/ and checkpoints/ are beside it).
# When the helpers are installed on their own, as in Colab: Keras' cache (~/.keras/datasets),
# and ./results, ./checkpoints.
_REPO = Path(__file__).resolve().parents[3]
IN_REPO = (_REPO / "notebooks" / "rnnbook" / "__init__.py").is_file()
DOWNLOAD_DIR = _REPO / "data" if IN_REPO else None


def data_dir():
    """The folder named by RNN_DATA_DIR, or None when data is to be downloaded."""
    value = os.environ.get("RNN_DATA_DIR")
    if not value:
        return None
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(
            f"RNN_DATA_DIR={value} is not a folder: point it at the folder that holds "
            "the offline datasets, or unset it to download them"
        )
    return folder


def offline_file(folder, name, url):
    """`folder/name`, or an error that says how to get the file."""
    path = folder / name
    if not path.is_file():
        raise FileNotFoundError(
            f"RNN_DATA_DIR={folder} holds no {name}: copy it there (official file: "
            f"{url}), or unset RNN_DATA_DIR to download it"
        )
    return path


def file_digest(path, algorithm="sha256"):
    """Hex digest of a file, read in chunks."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download(fetch, name, url):
    """Run `fetch()` (a Keras download); if it fails, say how to work offline."""
    try:
        return fetch()
    except Exception as exc:
        raise RuntimeError(
            f"Could not download {name} from {url} ({exc}). Without internet, set "
            f"RNN_DATA_DIR to a folder holding {name} (see data/README.md)"
        ) from exc


# NumPy stores ragged arrays (IMDB's reviews) as pickles. Unpickling can run any code, so
# only the three globals that rebuild a NumPy array are allowed, as Keras' own loader does.
# Keras' loader allows the first four; `scalar` rebuilds a NumPy number (a rebuilt file may
# store np.int64 word ranks), from a dtype and raw bytes: no code runs either.
_NUMPY_GLOBALS = {
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
}


class RefusedPickle(pickle.UnpicklingError):
    """A pickle that asks for something other than NumPy arrays: refused, never run."""


class NumpyOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in _NUMPY_GLOBALS:
            raise RefusedPickle(f"{module}.{name}")
        return super().find_class(module, name)


def read_npy(stream):
    """One array from a .npy stream, without executing pickled code."""
    version = np.lib.format.read_magic(stream)
    read_header = {1: np.lib.format.read_array_header_1_0}.get(
        version[0], np.lib.format.read_array_header_2_0
    )
    _, _, dtype = read_header(stream)
    if dtype.hasobject:
        return NumpyOnlyUnpickler(stream).load()
    stream.seek(0)
    return np.lib.format.read_array(stream, allow_pickle=False)


def read_npz(path, url):
    """The arrays of an .npz file, by name; a clear error if it is truncated or corrupt."""
    try:
        with zipfile.ZipFile(path) as archive:
            return {
                name.removesuffix(".npy"): read_npy(io.BytesIO(archive.read(name)))
                for name in archive.namelist()
            }
    except RefusedPickle as exc:
        raise ValueError(
            f"{Path(path).name} refused: the file contains code or objects other than NumPy "
            f"arrays ({exc}), and loading it could run them: replace it with {url}"
        ) from None
    except Exception as exc:
        raise ValueError(
            f"{Path(path).name} is truncated or corrupt ({type(exc).__name__}: {exc}): "
            f"replace it with a fresh copy of {url}"
        ) from exc


def write_atomic(path, content):
    """Write text or bytes to `path` so that it is either the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")  # renamed only once complete
    if isinstance(content, bytes):
        partial.write_bytes(content)
    else:
        partial.write_text(content, encoding="utf-8")
    partial.replace(path)
