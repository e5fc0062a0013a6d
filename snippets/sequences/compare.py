# output: trained
import torch
import torch.nn.functional as F
from models import BagOfWords, GRUClassifier
from task import VOCABULARY, collate, make_data
from torch.utils.data import DataLoader

train_data = make_data(2000, seed=0)
test_data = make_data(500, seed=1)


def accuracy(model: torch.nn.Module) -> float:
    ids, lengths, labels = collate(test_data)
    model.eval()
    with torch.no_grad():
        predicted = model(ids, lengths).argmax(dim=1)
    return (predicted == labels).float().mean().item()


trained = {}
for model_class in (BagOfWords, GRUClassifier):
    torch.manual_seed(0)
    model = model_class()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loader = DataLoader(
        train_data, batch_size=64, shuffle=True, collate_fn=collate
    )
    for _ in range(5):
        model.train()
        for ids, lengths, labels in loader:
            loss = F.cross_entropy(model(ids, lengths), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    name = model_class.__name__
    print(f"{name}: held-out accuracy {accuracy(model):.3f}")
    trained[name] = model

# The same four words in two orders, opposite meanings.
reviews = ["not good and bad", "good and not bad"]
batch = [(torch.tensor([VOCABULARY[w] for w in r.split()]), 0) for r in reviews]
ids, lengths, _ = collate(batch)
for name, model in trained.items():
    with torch.no_grad():
        positive = torch.softmax(model(ids, lengths), dim=1)[:, 1]
    print(f"{name}: P(positive) = {positive[0]:.2f} and {positive[1]:.2f}")
