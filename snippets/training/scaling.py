import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
# 1,000 flats: area in square metres and age in years; the price
# depends on both, with noise of about 20,000.
area = 50 + 150 * torch.rand(1000)
age = 60 * torch.rand(1000)
features = torch.stack([area, age], dim=1)
noise = 20_000 * torch.randn(1000)
prices = (3000 * area - 2000 * age + 50_000 + noise).unsqueeze(1)
x_train, y_train = features[:800], prices[:800]
x_test, y_test = features[800:], prices[800:]


def fit(x: torch.Tensor, y: torch.Tensor, lr: float) -> nn.Linear:
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(200):
        loss = F.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model


def rmse(predicted: torch.Tensor) -> float:
    return (predicted - y_test).pow(2).mean().sqrt().item()


# Raw numbers: lr 0.1 overflows, and a tiny lr learns little.
overflowed = fit(x_train, y_train, lr=0.1)
print("raw, lr 0.1: weight", overflowed.weight.detach())
too_slow = fit(x_train, y_train, lr=1e-6)
with torch.no_grad():
    print(f"raw, lr 1e-6: test error {rmse(too_slow(x_test)):,.0f}")

# Statistics of the training split only, kept for prediction.
x_mean, x_std = x_train.mean(dim=0), x_train.std(dim=0)
y_mean, y_std = y_train.mean(), y_train.std()
model = fit((x_train - x_mean) / x_std, (y_train - y_mean) / y_std, lr=0.1)

with torch.no_grad():
    # New inputs are scaled the same way, and the output unscaled.
    scaled = model((x_test - x_mean) / x_std)
    predicted = scaled * y_std + y_mean
    print(f"scaled, lr 0.1: test error {rmse(predicted):,.0f}")
    flat = torch.tensor([[100.0, 10.0]])
    price = model((flat - x_mean) / x_std) * y_std + y_mean
    print(f"100 m², 10 years: {price.item():,.0f}")
