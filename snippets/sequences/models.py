import torch
from task import PAD, VOCABULARY
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


class BagOfWords(nn.Module):
    """The mean of the word vectors, then an MLP: blind to word order."""

    def __init__(self, width: int = 32) -> None:
        super().__init__()
        self.embedding = nn.Embedding(len(VOCABULARY), width, padding_idx=PAD)
        self.classify = nn.Sequential(
            nn.Linear(width, width), nn.ReLU(), nn.Linear(width, 2)
        )

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor):
        # Padding vectors are zeros: sum, then divide by the real length.
        total = self.embedding(ids).sum(dim=1)
        return self.classify(total / lengths[:, None])


class GRUClassifier(nn.Module):
    """Reads the words in order; classifies from its last hidden state."""

    def __init__(self, width: int = 32) -> None:
        super().__init__()
        self.embedding = nn.Embedding(len(VOCABULARY), width, padding_idx=PAD)
        self.gru = nn.GRU(width, width, batch_first=True)
        self.classify = nn.Linear(width, 2)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor):
        # Packing tells the GRU each sentence's length, so the last
        # hidden state is taken at the last real word, not at padding.
        packed = pack_padded_sequence(
            self.embedding(ids), lengths, batch_first=True, enforce_sorted=False
        )
        _, last_hidden = self.gru(packed)
        return self.classify(last_hidden[0])
