# output: trained
import torch
import torch.nn.functional as F
from model import LENGTH, VOCABULARY, TinyTransformer, examples

CHECKPOINT = "reverser.pt"


@torch.no_grad()
def generate(model: TinyTransformer, prompts: torch.Tensor) -> torch.Tensor:
    """Greedy decoding: append the most likely token, six times."""
    model.eval()
    ids = prompts
    for _ in range(LENGTH):
        next_token = model(ids)[:, -1].argmax(dim=-1)
        ids = torch.cat([ids, next_token[:, None]], dim=1)
    return ids[:, LENGTH + 1 :]


def train() -> None:
    torch.manual_seed(0)
    # 1,000 of the million numbers are held out; training never sees them.
    order = torch.randperm(10**LENGTH)
    held_out, pool = order[:1000], order[1000:]
    model = TinyTransformer()
    count = sum(p.numel() for p in model.parameters())
    print(f"parameters: {count:,}")
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for step in range(1, 151):
        model.train()
        batch = examples(pool[torch.randint(len(pool), (128,))])
        # Input: every token but the last. Target: every token but the first.
        logits = model(batch[:, :-1])
        # Only the answer is scored, not the digits given in the prompt.
        answer_logits = logits[:, LENGTH:].reshape(-1, VOCABULARY)
        loss = F.cross_entropy(answer_logits, batch[:, LENGTH + 1 :].flatten())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(f"step {step}: loss {loss.item():.4f}")

    test = examples(held_out)
    answers = generate(model, test[:, : LENGTH + 1])
    exact = (answers == test[:, LENGTH + 1 :]).all(dim=1)
    print(f"held-out exact match: {exact.float().mean():.1%}")
    # 150 steps of 128 sequences of 13 tokens.
    print(f"tokens seen in training: {150 * 128 * 13:,}")
    torch.save(model.state_dict(), CHECKPOINT)


if __name__ == "__main__":
    train()
