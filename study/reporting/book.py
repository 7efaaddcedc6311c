"""What the report holds our results against: the book's figures, and the models of its tables.

The book's figures are the logs of its companion notebooks (github.com/fchollet/
deep-learning-with-python-notebooks, first_edition/6.2-understanding-recurrent-neural-
networks.ipynb and 6.3-advanced-usage-of-recurrent-neural-networks.ipynb), best validation
score of the one run each; BOOK_SOURCE says so in the report. Nothing else in the report is
typed in by hand.
"""

BOOK_SOURCE = (
    "the logs of the book's companion notebooks, "
    "[fchollet/deep-learning-with-python-notebooks](https://github.com/fchollet/"
    "deep-learning-with-python-notebooks), `first_edition/6.2-understanding-recurrent-neural-"
    "networks.ipynb` and `6.3-advanced-usage-of-recurrent-neural-networks.ipynb`"
)
BOOK_IMDB = {"SimpleRNN": 0.8460, "LSTM": 0.8928, "GRU": None, "LSTM, reversed reviews": 0.8770,
             "bidirectional LSTM": 0.8856}
BOOK_JENA = {
    "naive baseline": 0.2897,
    "training mean": None,
    "Dense": 0.2994,
    "GRU": 0.2644,
    "GRU, reversed windows": 0.3990,  # epoch 11: worse than its naive baseline
    # the book's 40-epoch models (6.3.6-6.3.8), and the lecture notes' dropout LSTM
    "GRU with dropout": 0.2619,
    "LSTM with dropout": None,
    "stacked GRUs with dropout": 0.2633,
    "bidirectional GRU": 0.2615,
}
BOOK_IMDB_SECONDS = {"SimpleRNN": "19–22", "LSTM": "~107", "LSTM, reversed reviews": "~105",
                     "bidirectional LSTM": "~210"}
BOOK_JENA_SECONDS = {"Dense": "9–10", "GRU": "~168", "GRU, reversed windows": "~170",
                     "GRU with dropout": "~170",
                     "stacked GRUs with dropout": "~345", "bidirectional GRU": "~324"}

# The rows of the tables, in order: (the notebook that trains the model, the model).
IMDB_MODELS = [
    ("03_imdb_simplernn_lstm", "SimpleRNN"),
    ("03_imdb_simplernn_lstm", "LSTM"),
    ("04_gru", "GRU"),
    ("06_reversed_bidirectional", "LSTM, reversed reviews"),
    ("06_reversed_bidirectional", "bidirectional LSTM"),
]
JENA_MODELS = [
    ("05_jena_forecasting", "naive baseline"),
    ("05_jena_forecasting", "training mean"),
    ("05_jena_forecasting", "Dense"),
    ("05_jena_forecasting", "GRU"),
    ("06_reversed_bidirectional", "GRU, reversed windows"),
    ("07_jena_dropout_stacking", "GRU with dropout"),
    ("07_jena_dropout_stacking", "LSTM with dropout"),
    ("07_jena_dropout_stacking", "stacked GRUs with dropout"),
    ("07_jena_dropout_stacking", "bidirectional GRU"),
]
