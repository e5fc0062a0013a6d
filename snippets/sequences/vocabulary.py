import torch

sentences = ["the film was good", "the plot was not good", "good acting"]

# Two special tokens first: padding and "unknown word".
vocabulary = {"<pad>": 0, "<unk>": 1}
for sentence in sentences:
    for word in sentence.split():
        vocabulary.setdefault(word, len(vocabulary))
print(vocabulary)


def encode(sentence: str) -> torch.Tensor:
    """Token ids of a sentence; a word never seen becomes <unk>."""
    ids = [vocabulary.get(word, 1) for word in sentence.split()]
    return torch.tensor(ids)


print(encode("the plot was good"))
print(encode("the ending was great"))
