import torch

# Raw scores of 5 samples for 3 classes.
scores = torch.tensor(
    [
        [0.1, 2.0, -1.0],
        [1.5, 0.2, 0.3],
        [-0.5, 0.0, 0.8],
        [0.0, -1.0, 3.0],
        [2.2, 2.1, 0.0],
    ]
)
# the best class of each row
predicted = scores.argmax(dim=1)
print(predicted)
print("predicted as class 2:", (predicted == 2).sum().item())
# the same classes by hand: where each row's largest score is
rows = scores.tolist()
assert predicted.tolist() == [row.index(max(row)) for row in rows]
