"""The own-data page: what its prose says about the printed outputs holds, and its checks stop broken files
and bad cells by name, including kinds the page does not show. The outputs are what the snippets print today
(tests/test_snippets.py compares them), so these tests read them."""

from __future__ import annotations

import os
import re
import runpy
from pathlib import Path

import pytest
import torch
from PIL import Image

from fences import SNIPPETS, page_text, recorded, snippet_module


def write(snippet: str, folder: Path) -> None:
    """Runs a setup snippet of the page in ``folder``, as a reader runs it in theirs."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        runpy.run_path(str(SNIPPETS / "own_data" / f"{snippet}.py"), run_name="__main__")
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def digit_images(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("own_data")
    write("write_images", folder)
    return folder / "digit_images"


def accuracies(snippet: str) -> list[float]:
    return [float(value) for value in re.findall(r"validation accuracy (\d\.\d+)", recorded(snippet))]


def test_the_image_files_are_small_and_of_three_sizes(digit_images: Path) -> None:
    output = recorded("own_data/write_images")
    assert float(re.search(r"([\d.]+) MB on disk", output)[1]) < 5, "the issue's budget: under 5 MB"
    counts = [int(count) for count in re.findall(r"digit_images/\d (\d+) files", output)]
    assert len(counts) == 10 and sum(counts) == 1797
    sizes = {Image.open(path).size for path in digit_images.glob("*/*.png")}
    assert sizes == {(24, 24), (32, 32), (40, 40)}
    assert "(24, 32 and 40 pixels square)" in page_text("en", "own-data")
    assert "（边长 24、32 和 40 像素）" in page_text("zh", "own-data")


def test_the_cnn_learns_from_the_files_as_well_as_from_the_tensors() -> None:
    output = recorded("own_data/train_images")
    assert "1437 training files, 360 validation files" in output
    files = accuracies("own_data/train_images")[-1]
    cnn = recorded("first_project/train").split("SmallCNN", 1)[1]
    tensors = float(re.search(r"epoch 20:.*val accuracy (\d\.\d+)", cnn)[1])
    assert files >= 0.95
    assert abs(files - tensors) <= 0.02, "the page says the CNN scores about as well as on the tensors"


@pytest.mark.parametrize(
    "broken",
    ["cut_off", "not_an_image", "empty", "colour", "transparent", "palette", "thumbnail", "thin"],
)
def test_a_broken_image_is_refused_by_name(
    broken: str, digit_images: Path, tmp_path: Path, monkeypatch
) -> None:
    folder_dataset = snippet_module(monkeypatch, "own_data/folder_dataset")
    path = tmp_path / "7" / f"{broken}.png"
    path.parent.mkdir()
    good = next(digit_images.glob("7/*.png")).read_bytes()
    match broken:
        case "cut_off":
            path.write_bytes(good[: len(good) // 2])
        case "not_an_image":
            path.write_text("<html>404 Not Found</html>")
        case "empty":
            path.write_bytes(b"")
        case "colour":
            Image.new("RGB", (32, 32)).save(path)
        case "transparent":
            Image.new("LA", (32, 32)).save(path)
        case "palette":
            Image.new("P", (32, 32)).save(path)
        case "thumbnail":
            Image.new("L", (4, 4)).save(path)
        case "thin":
            Image.new("L", (32, 5)).save(path)
    dataset = folder_dataset.ImageFiles([path], ["7"])
    with pytest.raises(ValueError, match=f"^{re.escape(str(path))}: "):
        dataset[0]


def test_a_good_image_of_any_size_becomes_one_shape(digit_images: Path, monkeypatch) -> None:
    folder_dataset = snippet_module(monkeypatch, "own_data/folder_dataset")
    files, classes = folder_dataset.list_images(digit_images)
    assert classes == [str(digit) for digit in range(10)]
    dataset = folder_dataset.ImageFiles(files[:3], classes)
    for index in range(3):
        image, label = dataset[index]
        assert image.shape == (1, 8, 8) and 0 <= image.min() and image.max() <= 1
        assert label == int(files[index].parent.name)


def test_the_wrong_files_output_names_every_file() -> None:
    lines = recorded("own_data/wrong_files").splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "digit_images/7/colour.png",
        "digit_images/7/cut_off.png",
        "digit_images/7/thumbnail.png",
    ]


@pytest.fixture(scope="module")
def customers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("own_data_table")
    write("write_table", folder)
    return folder / "customers.csv"


@pytest.mark.parametrize(
    ("line", "column", "value"), [(2, "monthly_fee", "abc"), (1001, "support_calls", "1,5")]
)
def test_a_bad_cell_is_refused_with_its_file_and_line(
    line: int, column: str, value: str, customers: Path, tmp_path: Path, monkeypatch
) -> None:
    table = snippet_module(monkeypatch, "own_data/table")
    lines = customers.read_text().splitlines()
    header = lines[0].split(",")
    fields = lines[line - 1].split(",")
    fields[header.index(column)] = f'"{value}"' if "," in value else value
    lines[line - 1] = ",".join(fields)
    edited = tmp_path / "edited.csv"
    edited.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=f"^{re.escape(str(edited))}, line {line}: {column} is '{value}'"):
        table.read_customers(edited)


def test_empty_cells_are_missing_values_not_errors(customers: Path, monkeypatch) -> None:
    table = snippet_module(monkeypatch, "own_data/table").read_customers(customers)
    assert table["tenure_months"].isna().sum() == 100
    assert "tenure_months    100" in recorded("own_data/table")


def test_the_encoding_knows_only_the_training_rows(customers: Path, monkeypatch) -> None:
    table = snippet_module(monkeypatch, "own_data/table")
    rows = table.read_customers(customers)
    train, val = table.split(rows)
    assert len(train) == 1500 and len(val) == 500 and not set(train.index) & set(val.index)
    encoding = table.Encoding.fit(train)
    shifted = val.assign(tenure_months=val["tenure_months"] + 1000, plan="gold")
    features = encoding.features(shifted)
    assert features[:, 3:].abs().sum() == 0, "a plan never seen in training is all zeros"
    known = torch.tensor(val["tenure_months"].notna().to_numpy())
    assert (features[known, 1] > 10).all(), "scaled with the training statistics, not its own"
    assert torch.allclose(features[~known, 1], features[~known, 1][0]), "a gap gets the training median"


def test_about_four_customers_share_a_postcode(customers: Path) -> None:
    lines = customers.read_text().splitlines()[1:]
    postcodes = {line.split(",")[0] for line in lines}
    assert 3.5 <= len(lines) / len(postcodes) <= 4.5
    assert "about four customers per postcode" in page_text("en", "own-data")
    assert "每个邮编只有四位左右的客户" in page_text("zh", "own-data")


def test_the_leak_scores_too_well_and_the_prose_says_so() -> None:
    (honest,) = accuracies("own_data/table")
    leaked, training_rows = accuracies("own_data/leak")
    assert leaked > honest + 0.03, "the leak must show as a clearly better validation score"
    assert training_rows < honest, "the page says the training-rows rate scores worse than leaving it out"
    for language in ("en", "zh"):
        text = page_text(language, "own-data")
        for number in (honest, leaked, training_rows):
            assert f"{number:.3f}" in text, f"{language}: the page restates {number:.3f}"
