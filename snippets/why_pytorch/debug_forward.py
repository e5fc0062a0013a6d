import torch
from torch import nn


class SmallNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3)
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Linear(4 * 13 * 13, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # forward() is plain Python: print, assert, or stop with breakpoint().
        print("input:     ", tuple(x.shape))
        x = self.pool(torch.relu(self.conv(x)))
        print("after conv:", tuple(x.shape))
        x = x.flatten(start_dim=1)
        print("flattened: ", tuple(x.shape))
        assert x.shape[1] == self.head.in_features, (
            "flattened size must match the head"
        )
        return self.head(x)


torch.manual_seed(0)
# a batch of 8 one-channel 28x28 images
images = torch.randn(8, 1, 28, 28)
logits = SmallNet()(images)
print("output:    ", tuple(logits.shape))
