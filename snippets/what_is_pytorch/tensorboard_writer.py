import tempfile

from tensorboard.backend.event_processing.event_accumulator import (
    EventAccumulator,
)
from torch.utils.tensorboard import SummaryWriter

# In a project: log to runs/experiment-1, then run `tensorboard --logdir runs`.
log_dir = tempfile.mkdtemp()
writer = SummaryWriter(log_dir)
for step in range(3):
    writer.add_scalar("train/loss", 1.0 / (step + 1), step)
writer.close()

# Read the event file back, as TensorBoard does when it draws the curve.
events = EventAccumulator(log_dir)
events.Reload()
for event in events.Scalars("train/loss"):
    print(event.step, round(event.value, 4))
