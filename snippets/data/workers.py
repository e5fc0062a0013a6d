# run: subprocess
import torch
from torch.utils.data import DataLoader, TensorDataset


def main() -> None:
    dataset = TensorDataset(torch.arange(8.0), torch.arange(8))
    # Two worker processes prepare batches while the main process uses them.
    loader = DataLoader(dataset, batch_size=2, num_workers=2)
    for features, labels in loader:
        print(features.tolist(), labels.tolist())


# Each worker may start by importing this file again (the "spawn" start
# method: the default on Windows and macOS). The guard stops the import from
# running main() once more in every worker.
if __name__ == "__main__":
    main()
