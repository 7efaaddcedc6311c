"""The datasets, offline (RNN_DATA_DIR) or downloaded and checked by their digests.

    imdb    the IMDB reviews, as Keras' `imdb.load_data` gives them
    jena    the Jena climate CSV: found, downloaded or given, parsed, checked, labelled
    hourly  the hourly 2009-2016 file of the stored outputs, derived from the official file
    rain    the Jena station's own rain, hourly (exercise notebook 05e)
    files   where the repository is; offline copies, checked downloads, safe .npz reading,
            atomic writes
"""

__all__ = ["files", "hourly", "imdb", "jena", "rain"]
