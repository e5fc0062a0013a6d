# figure: attention_weights.svg
# setup: train.py
import torch
from matplotlib.figure import Figure
from model import LENGTH, TinyTransformer, examples
from train import CHECKPOINT, generate

model = TinyTransformer()
model.load_state_dict(torch.load(CHECKPOINT, weights_only=True))

# Change these numbers and run again.
numbers = torch.tensor([314159, 271828, 120000, 987])
prompts = examples(numbers)[:, : LENGTH + 1]
for prompt, answer in zip(prompts, generate(model, prompts), strict=True):
    given = " ".join(str(d) for d in prompt[:LENGTH].tolist())
    print(given, "=", " ".join(str(d) for d in answer.tolist()))

# The first head of the first block, on the first example.
with torch.no_grad():
    model(examples(numbers[:1])[:, :-1])
head = model.weights[0][0, 0]
labels = ["3", "1", "4", "1", "5", "9", "=", "9", "5", "1", "4", "1"]
# From the separator on: the token each position looks at most.
strongest = head[LENGTH:].max(dim=1)
print("looked at:", " ".join(labels[i] for i in strongest.indices))
print(f"with weight at least {strongest.values.min():.2f}")
figure = Figure(figsize=(4.5, 4))
axes = figure.subplots()
axes.imshow(head.numpy(), cmap="Blues", vmin=0, vmax=1)
axes.set_xticks(range(12), labels)
axes.set_yticks(range(12), labels)
axes.set_xlabel("key: the token looked at")
axes.set_ylabel("query: the token looking")
figure.tight_layout()
figure.savefig("attention_weights.svg")
