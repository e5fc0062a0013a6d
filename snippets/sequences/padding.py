import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

PAD = 0
# The three sentences of vocabulary.py as token ids, with labels
# (1: positive, 0: negative). Their lengths are 4, 2 and 5.
data = [
    (torch.tensor([2, 3, 4, 5]), 1),
    (torch.tensor([5, 8]), 1),
    (torch.tensor([2, 6, 4, 7, 5]), 0),
]


def collate(batch):
    """Pads the sentences of a batch to the longest one."""
    sentences, labels = zip(*batch, strict=True)
    lengths = torch.tensor([len(s) for s in sentences])
    ids = pad_sequence(sentences, batch_first=True, padding_value=PAD)
    return ids, lengths, torch.tensor(labels)


loader = DataLoader(data, batch_size=3, collate_fn=collate)
ids, lengths, labels = next(iter(loader))
print(ids)
print("lengths:", lengths)
# The mask: True for a real token, False for padding.
mask = ids != PAD
print(mask)
