# setup: write_table.py
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

NUMERIC = ["monthly_fee", "tenure_months", "support_calls"]


def read_customers(path: Path) -> pd.DataFrame:
    """The CSV as a table; a value that is not a number stops here, with
    the file and line named, instead of turning the column into text."""
    table = pd.read_csv(path, dtype={"postcode": str})
    for column in NUMERIC:
        numbers = pd.to_numeric(table[column], errors="coerce")
        bad = numbers.isna() & table[column].notna()
        if bad.any():
            row = bad.idxmax()
            # line 1 is the header, and pandas counts rows from 0
            raise ValueError(
                f"{path}, line {row + 2}: {column} is "
                f"{table.loc[row, column]!r}, not a number"
            )
        table[column] = numbers
    return table


def split(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seeded quarter of the rows for validation, the rest to train."""
    val = table.sample(frac=0.25, random_state=0)
    return table.drop(val.index), val


@dataclass
class Encoding:
    """What turning rows into features needs to know, learnt from the
    training rows alone."""

    medians: pd.Series
    means: pd.Series
    stds: pd.Series
    plans: list[str]

    @classmethod
    def fit(cls, train: pd.DataFrame) -> "Encoding":
        medians = train[NUMERIC].median()
        filled = train[NUMERIC].fillna(medians)
        return cls(
            medians=medians,
            means=filled.mean(),
            stds=filled.std(),
            plans=sorted(train["plan"].dropna().unique()),
        )

    def features(self, rows: pd.DataFrame) -> torch.Tensor:
        # a gap gets the training median, then every column is scaled
        # to mean 0 and standard deviation 1 with training statistics
        numeric = rows[NUMERIC].fillna(self.medians)
        numeric = (numeric - self.means) / self.stds
        # one 0/1 column per plan seen in training; a missing plan is 0
        plans = [rows["plan"] == plan for plan in self.plans]
        columns = np.column_stack([numeric, *plans])
        return torch.tensor(columns.astype(np.float32))


def labels(rows: pd.DataFrame) -> torch.Tensor:
    return torch.tensor(rows["churned"].to_numpy())


def train_and_score(
    x_train: torch.Tensor,
    y_train: torch.Tensor,
    x_val: torch.Tensor,
    y_val: torch.Tensor,
) -> float:
    """Trains a small network; returns its accuracy on the validation
    rows."""
    torch.manual_seed(0)
    loader = DataLoader(
        TensorDataset(x_train, y_train), batch_size=64, shuffle=True
    )
    model = nn.Sequential(
        nn.Linear(x_train.shape[1], 16), nn.ReLU(), nn.Linear(16, 2)
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(20):
        for features, targets in loader:
            loss = loss_fn(model(features), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        predicted = model(x_val).argmax(1)
    return (predicted == y_val).float().mean().item()


if __name__ == "__main__":
    table = read_customers(Path("customers.csv"))
    # how many cells of each column are empty
    print(table.isna().sum().to_string())
    # Split first: every statistic below comes from the training rows.
    train, val = split(table)
    encoding = Encoding.fit(train)
    print(len(train), "training rows,", len(val), "validation rows")
    print("plans seen in training:", encoding.plans)
    x_train = encoding.features(train)
    print("features:", tuple(x_train.shape))
    x_val = encoding.features(val)
    accuracy = train_and_score(x_train, labels(train), x_val, labels(val))
    print(f"validation accuracy {accuracy:.3f}")
