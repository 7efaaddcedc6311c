"""The embedded Reber grammar (Géron, *Hands-On Machine Learning*, ch. 14, exercise 7; the
benchmark of Hochreiter and Schmidhuber's LSTM paper, 1997), for exercises 04e.

A Reber string walks this graph from state 0, a letter per edge, to the end; an embedded
Reber string wraps one as B, T or P, the string, the same T or P again, E. To tell it from
a near-miss whose second-to-last letter differs, a network must remember the second letter
across the whole inner string.
"""

import numpy as np

__all__ = ["SYMBOLS", "REBER", "reber_string", "embedded_reber", "why_not_reber",
           "why_not_embedded", "near_miss", "twin", "dataset", "held_out", "encode"]

SYMBOLS = "BEPSTVX"  # encoded as 1..7; 0 is padding
# state: [(letter, next state), ...]; None ends the string.
REBER = {
    0: [("B", 1)],
    1: [("T", 2), ("P", 3)],
    2: [("S", 2), ("X", 4)],
    3: [("T", 3), ("V", 5)],
    4: [("X", 3), ("S", 6)],
    5: [("P", 4), ("V", 6)],
    6: [("E", None)],
}


def reber_string(rng):
    """A random Reber string: at each state, one of its edges with equal chances."""
    state, letters = 0, []
    while state is not None:
        letter, state = REBER[state][rng.integers(len(REBER[state]))]
        letters.append(letter)
    return "".join(letters)


def embedded_reber(rng):
    """B, T or P, a Reber string, the same T or P, E."""
    branch = "TP"[rng.integers(2)]
    return "B" + branch + reber_string(rng) + branch + "E"


def why_not_reber(string):
    """None for a Reber string, else why it is not one."""
    state = 0
    for i, letter in enumerate(string):
        if state is None:
            return f"it goes on after the final E of {string[:i]!r}"
        edges = dict(REBER[state])
        if letter not in edges:
            allowed = " or ".join(sorted(edges))
            return f"after {string[:i]!r} comes {allowed}, not {letter!r}"
        state = edges[letter]
    return None if state is None else f"{string!r} stops before its final E"


def why_not_embedded(string):
    """None for an embedded Reber string, else why it is not one."""
    if len(string) < 4 or string[0] != "B" or string[-1] != "E":
        return "it must start with B and end with E"
    if string[1] not in "TP":
        return f"its second letter must be T or P, not {string[1]!r}"
    if string[-2] != string[1]:
        return f"its second-to-last letter, {string[-2]!r}, must repeat its second, {string[1]!r}"
    if len(string) < 9:  # the shortest: B T BTXSE T E
        return f"it has {len(string)} letters; the shortest embedded Reber string has 9"
    why = why_not_reber(string[2:-2])
    return None if why is None else f"the Reber string inside is wrong: {why}"


def near_miss(string, rng):
    """The string with one letter, at random, changed to another. It breaks the grammar: in
    this one every one-letter change does (a test tries them all on 300 strings)."""
    i = rng.integers(len(string))
    others = [letter for letter in SYMBOLS if letter != string[i]]
    return string[:i] + others[rng.integers(len(others))] + string[i + 1:]


def twin(string):
    """The near-miss that only a long memory tells apart: the second-to-last T and P swapped."""
    return string[:-2] + {"T": "P", "P": "T"}[string[-2]] + string[-1]


def dataset(n, rng, miss=near_miss):
    """2n strings, shuffled: n grammatical, n/2 twins of them, n/2 near-misses; (strings,
    labels (1: grammatical), kinds ('grammatical', 'twin' or 'near-miss'))."""
    good = [embedded_reber(rng) for _ in range(n)]
    twins = [twin(s) for s in good[: n // 2]]
    misses = [miss(s, rng) for s in good[n // 2:]]
    strings = good + twins + misses
    kinds = ["grammatical"] * n + ["twin"] * len(twins) + ["near-miss"] * len(misses)
    order = rng.permutation(len(strings))
    return ([strings[i] for i in order], np.array([kinds[i] == "grammatical" for i in order],
            dtype="float32"), [kinds[i] for i in order])


def held_out():
    """The 1,000 strings exercise 5 is judged on (a seed no training set in 04e uses)."""
    return dataset(500, np.random.default_rng(2024))


def encode(strings, length=None):
    """Strings as letter indices 1..7, padded in front with 0 to the longest (or `length`)."""
    length = length or max(len(s) for s in strings)
    codes = np.zeros((len(strings), length), dtype="int32")
    for row, s in zip(codes, strings):
        row[length - len(s):] = [SYMBOLS.index(c) + 1 for c in s]
    return codes
