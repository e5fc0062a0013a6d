import torch
from torch import nn

torch.manual_seed(0)
# One learned vector of 4 numbers for each of the 9 token ids.
embedding = nn.Embedding(num_embeddings=9, embedding_dim=4, padding_idx=0)
ids = torch.tensor([[2, 3, 4, 5], [5, 7, 0, 0]])
vectors = embedding(ids)
print("ids:    ", tuple(ids.shape))
print("vectors:", tuple(vectors.shape))
# The padding id's vector is zeros, and training never changes it.
print(vectors[1, 2])
vectors.sum().backward()
print("gradient of the padding row:", embedding.weight.grad[0])
