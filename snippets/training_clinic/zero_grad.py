import torch
import torch.nn.functional as F
from task import load_data, make_model, standardize

x, y, x_val, y_val = load_data()
x, x_val = standardize(x, x_val)


def train(forget_zero_grad: bool) -> None:
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
    shuffle = torch.Generator().manual_seed(0)
    for epoch in range(5):
        order = torch.randperm(len(y), generator=shuffle)
        total = 0.0
        for batch in order.split(64):
            loss = F.cross_entropy(model(x[batch]), y[batch])
            if not forget_zero_grad:
                optimizer.zero_grad()
            loss.backward()
            # The diagnostic: how large are the gradients?
            grads = [p.grad for p in model.parameters()]
            norm = torch.nn.utils.get_total_norm(grads)
            optimizer.step()
            total += loss.item() * len(batch)
        mean_loss = total / len(y)
        print(
            f"  epoch {epoch + 1}: loss {mean_loss:.3f}, grad norm {norm:.1f}"
        )


print("without zero_grad():")
train(forget_zero_grad=True)
print("with zero_grad():")
train(forget_zero_grad=False)
