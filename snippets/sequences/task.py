import random

import torch
from torch.nn.utils.rnn import pad_sequence

POSITIVE = ["good", "great", "fun", "clever"]
NEGATIVE = ["bad", "dull", "slow", "silly"]
FILLERS = ["the", "film", "was", "and", "very", "plot", "really", "acting"]
WORDS = ["<pad>", "not", *POSITIVE, *NEGATIVE, *FILLERS]
VOCABULARY = {word: i for i, word in enumerate(WORDS)}
PAD = VOCABULARY["<pad>"]


def review(rng: random.Random) -> tuple[list[str], int]:
    """One good and one bad word, in either order, "not" before one of
    them, filler words around. Positive when the bad word is negated:
    "not bad ... good" is positive, "not good ... bad" is negative."""
    good, bad = rng.choice(POSITIVE), rng.choice(NEGATIVE)
    negated = rng.choice([good, bad])
    phrases = [
        [word] if word != negated else ["not", word] for word in (good, bad)
    ]
    rng.shuffle(phrases)
    words = rng.choices(FILLERS, k=rng.randint(0, 3)) + phrases[0]
    words += rng.choices(FILLERS, k=rng.randint(0, 3)) + phrases[1]
    words += rng.choices(FILLERS, k=rng.randint(0, 3))
    return words, int(negated == bad)


def make_data(count: int, seed: int) -> list[tuple[torch.Tensor, int]]:
    rng = random.Random(seed)
    data = []
    for _ in range(count):
        words, label = review(rng)
        data.append((torch.tensor([VOCABULARY[w] for w in words]), label))
    return data


def collate(batch):
    sentences, labels = zip(*batch, strict=True)
    lengths = torch.tensor([len(s) for s in sentences])
    ids = pad_sequence(sentences, batch_first=True, padding_value=PAD)
    return ids, lengths, torch.tensor(labels)
