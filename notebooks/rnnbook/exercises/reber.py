"""The embedded Reber grammar (Géron, *Hands-On Machine Learning*, ch. 14, exercise 7; the
benchmark of Hochreiter and Schmidhuber's LSTM paper, 1997), for exercises 04e.

A Reber string walks this graph from state 0, a letter per edge, to the end; an embedded
Reber string wraps one as B, T or P, the string, the same T or P again, E. To tell it from
a near-miss whose second-to-last letter differs, a network must remember the second letter
across the whole inner string.

Exercises 3 and 4 ask for the generator and the near-misses: this module exports neither
(its own are private, for `dataset` and the checks). Held-out means held out: the strings
exercise 5 is judged on have inner Reber strings that `dataset` never draws (`for_check`),
and near-misses no training string can be, whatever the generator's seed.
"""

import functools
import zlib

import numpy as np

__all__ = ["SYMBOLS", "REBER", "why_not_reber", "why_not_embedded", "twin", "for_check",
           "dataset", "encode", "show_examples"]

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


def _reber_string(rng):
    state, letters = 0, []
    while state is not None:
        letter, state = REBER[state][rng.integers(len(REBER[state]))]
        letters.append(letter)
    return "".join(letters)


def _embedded(rng):
    branch = "TP"[rng.integers(2)]
    return "B" + branch + _reber_string(rng) + branch + "E"


def _near_miss(string, rng):
    i = rng.integers(len(string))
    others = [letter for letter in SYMBOLS if letter != string[i]]
    return string[:i] + others[rng.integers(len(others))] + string[i + 1:]


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


def twin(string):
    """The near-miss that only a long memory tells apart: the second-to-last T and P swapped."""
    return string[:-2] + {"T": "P", "P": "T"}[string[-2]] + string[-1]


def for_check(string):
    """True if the string's inner Reber string is one of those kept for the check: half of
    the inner strings of 9 letters or more, by their checksum (about 17% of the strings
    drawn; none more than 5% of them, so that no one string decides the check). `dataset`
    never draws them, nor their twins."""
    inner = string[2:-2]
    return len(inner) >= 9 and zlib.crc32(f"0:{inner}".encode()) % 2 == 0


def _grammatical_neighbours(string):
    """The grammatical strings one letter away from `string`."""
    return [s for i in range(len(string)) for letter in SYMBOLS if letter != string[i]
            for s in [string[:i] + letter + string[i + 1:]] if why_not_embedded(s) is None]


def _draw(n, rng, checked):
    """n strings of the reference generator, inner strings kept for the check or not."""
    strings = []
    while len(strings) < n:
        string = _embedded(rng)
        if for_check(string) == checked:
            strings.append(string)
    return strings


def _shuffled(good, twins, misses, rng):
    strings = good + twins + misses
    kinds = ["grammatical"] * len(good) + ["twin"] * len(twins) + ["near-miss"] * len(misses)
    order = rng.permutation(len(strings))
    return ([strings[i] for i in order], np.array([kinds[i] == "grammatical" for i in order],
            dtype="float32"), [kinds[i] for i in order])


def dataset(n, rng):
    """2n strings, shuffled: n grammatical, n/4 twins of them and 3n/4 near-misses of the
    others; (strings, labels (1: grammatical), kinds ('grammatical', 'twin' or 'near-miss')).
    None of them is one the check scores on, whatever `rng`. (Three near-misses for each twin:
    the twins teach the long memory in a few epochs, the grammar itself takes more examples.)"""
    good = _draw(n, rng, checked=False)
    twins = [twin(s) for s in good[: n // 4]]
    misses = [_near_miss(s, rng) for s in good[n // 4:]]
    return _shuffled(good, twins, misses, rng)


@functools.lru_cache(maxsize=1)
def _held_out():
    """The 1,000 strings exercise 5 is judged on: 500 grammatical, 250 twins, 250 near-misses,
    all with inner strings kept for the check. A near-miss one letter away from a string
    `dataset` may draw could be a training near-miss: it is drawn again."""
    rng = np.random.default_rng(2024)
    good = _draw(500, rng, checked=True)
    misses = []
    for string in good[250:]:
        miss = _near_miss(string, rng)
        while not all(for_check(s) for s in _grammatical_neighbours(miss)):
            miss = _near_miss(string, rng)
        misses.append(miss)
    strings, labels, kinds = _shuffled(good, [twin(s) for s in good[:250]], misses, rng)
    return tuple(strings), labels, tuple(kinds)


def encode(strings, length=None):
    """Strings as letter indices 1..7, padded in front with 0 to the longest (or `length`)."""
    length = length or max(len(s) for s in strings)
    codes = np.zeros((len(strings), length), dtype="int32")
    for row, s in zip(codes, strings):
        row[length - len(s):] = [SYMBOLS.index(c) + 1 for c in s]
    return codes


def show_examples(generate, miss, seed=3):
    """Print a string of `generate`, its twin and a near-miss by `miss` (the student's
    answers to exercises 3 and 4), with what the grammar says of each; never raises."""
    rng = np.random.default_rng(seed)
    try:
        example = generate(rng)
        rows = [("string", example), ("twin", twin(example)), ("near-miss", miss(example, rng))]
        if not all(isinstance(string, str) for _, string in rows):
            raise TypeError("not a string")
    except Exception as error:  # a stub's None, or an answer that does not work yet
        print(f"no examples yet ({type(error).__name__}): answer exercises 3 and 4 first")
        return
    for kind, string in rows:
        print(f"{kind:12} {string:20} {why_not_embedded(string) or 'grammatical'}")
