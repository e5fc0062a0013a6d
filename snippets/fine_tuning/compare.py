# setup: pretrain.py
# output: trained
import torch
from digit_cnn import DigitCNN, accuracy, digits, train
from torch import nn

# The new task: the digits 5 to 9, with only a few labelled scans each.
images, labels = digits([5, 6, 7, 8, 9])
torch.manual_seed(1)
order = torch.randperm(len(images))
held_out, pool = order[:400], order[400:]


def from_scratch(part: torch.Tensor) -> float:
    torch.manual_seed(0)
    model = DigitCNN(classes=5)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.003)
    train(model, images[part], labels[part], optimizer, epochs=40)
    return accuracy(model, images[held_out], labels[held_out])


def fine_tuned(part: torch.Tensor) -> tuple[float, float]:
    """Accuracy after training the new head alone, then after training
    everything."""
    torch.manual_seed(0)
    model = DigitCNN(classes=5)
    state = torch.load("pretrained_0to4.pt", weights_only=True)
    model.load_state_dict(state)
    model.head = nn.Linear(32 * 2 * 2, 5)
    # Stage 1: the head alone, on a frozen body in eval() mode.
    model.body.requires_grad_(False)
    model.train()
    model.body.eval()
    optimizer = torch.optim.AdamW(model.head.parameters(), lr=0.003)
    train(model, images[part], labels[part], optimizer, epochs=20)
    head_only = accuracy(model, images[held_out], labels[held_out])
    # Stage 2: everything, the body ten times more gently than the head.
    model.body.requires_grad_(True)
    model.train()
    optimizer = torch.optim.AdamW(
        [
            {"params": model.body.parameters(), "lr": 0.0003},
            {"params": model.head.parameters(), "lr": 0.003},
        ]
    )
    train(model, images[part], labels[part], optimizer, epochs=20)
    return head_only, accuracy(model, images[held_out], labels[held_out])


print("per digit | from scratch | head only | fine-tuned")
for per_digit in (1, 5, 25):
    results = []
    # Three draws of the few scans: with so few, luck matters.
    for draw in range(3):
        generator = torch.Generator().manual_seed(draw)
        shuffled = pool[torch.randperm(len(pool), generator=generator)]
        part = torch.cat(
            [shuffled[labels[shuffled] == d][:per_digit] for d in range(5)]
        )
        results.append((from_scratch(part), *fine_tuned(part)))
    scratch, head, tuned = torch.tensor(results).mean(0).tolist()
    print(f"{per_digit:9} | {scratch:12.3f} | {head:9.3f} | {tuned:.3f}")
