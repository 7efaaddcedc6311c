"""The course's build tools: decks (build_decks, check_slides), student copies (exercises), Colab links (colab). Run from the repository root: python -m tools.<name>."""
