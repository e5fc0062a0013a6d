"""The nn.Module page: Y = WX + b is fitted twice and both fits must find the line the data came from."""

import pytest

from fences import SNIPPETS
from snippet_runner import run_snippet

TRUE_W, TRUE_B = 3.0, 2.0
TOLERANCE = 0.05  # the data carry noise of standard deviation 0.1, so the fit can't be exact


@pytest.fixture(scope="module")
def fits(tmp_path_factory: pytest.TempPathFactory) -> dict:
    by_hand = run_snippet(SNIPPETS / "module" / "fit_by_hand.py").namespace
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("figure"))
        with_nn = run_snippet(SNIPPETS / "module" / "fit_with_nn.py").namespace
    return {"by_hand": by_hand, "with_nn": with_nn}


def test_fit_by_hand_finds_the_line(fits: dict) -> None:
    assert fits["by_hand"]["W"].item() == pytest.approx(TRUE_W, abs=TOLERANCE)
    assert fits["by_hand"]["b"].item() == pytest.approx(TRUE_B, abs=TOLERANCE)


def test_fit_with_nn_finds_the_line(fits: dict) -> None:
    model = fits["with_nn"]["model"]
    assert model.weight.item() == pytest.approx(TRUE_W, abs=TOLERANCE)
    assert model.bias.item() == pytest.approx(TRUE_B, abs=TOLERANCE)


def test_nn_linear_with_sgd_is_the_hand_written_update(fits: dict) -> None:
    """Same start, same data, same learning rate: the page claims the two loss curves coincide."""
    assert fits["with_nn"]["losses"] == pytest.approx(fits["by_hand"]["losses"], rel=1e-4)
