import torch
from torch import nn


class MyNet(nn.Module):
    def __init__(
        self, in_features: int = 4, hidden: int = 8, classes: int = 3
    ) -> None:
        super().__init__()  # sets up the bookkeeping that registers layers
        self.hidden = nn.Linear(in_features, hidden)
        self.activation = nn.ReLU()
        self.output = nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.activation(self.hidden(x)))


torch.manual_seed(0)
net = MyNet()
print(net)

batch = torch.randn(5, 4)  # 5 samples, 4 features each
logits = net(batch)  # calling the module runs forward()
print(logits.shape)
