import torch
from model import make_model
from torch import nn

from data import make_loaders

torch.manual_seed(0)
train_loader, test_loader = make_loaders()
model = make_model()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.AdamW(model.parameters(), lr=0.003)

for epoch in range(10):
    model.train()
    total_loss = 0.0
    for images, labels in train_loader:
        loss = loss_fn(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(labels)
    mean_loss = total_loss / len(train_loader.dataset)
    print(f"epoch {epoch + 1}: training loss {mean_loss:.3f}")

# Accuracy on images the model never trained on.
model.eval()
correct = 0
with torch.no_grad():
    for images, labels in test_loader:
        predicted = model(images).argmax(dim=1)
        correct += (predicted == labels).sum().item()
accuracy = correct / len(test_loader.dataset)
print(f"test accuracy: {accuracy:.3f}")

torch.save(model.state_dict(), "digits.pt")
