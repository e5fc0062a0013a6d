import torch
from torch import nn


class MyNet(nn.Module):
    def __init__(
        self, in_features: int = 4, hidden: int = 8, classes: int = 3
    ) -> None:
        # sets up the bookkeeping that registers layers
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden)
        self.activation = nn.ReLU()
        self.output = nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.activation(self.hidden(x)))


torch.manual_seed(0)
net = MyNet()
print(net)

# 5 samples, 4 features each
batch = torch.randn(5, 4)
# calling the module runs forward()
logits = net(batch)
print(logits.shape)
