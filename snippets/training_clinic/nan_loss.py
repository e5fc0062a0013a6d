from task import accuracy, load_data, make_model, standardize, train

x, y, x_val, y_val = load_data()
x, x_val = standardize(x, x_val)

# Broken: a learning rate far too large.
losses = train(make_model(), x, y, lr=5.0)
every_10th = [f"{loss:.3g}" for loss in losses[::10]]
print("lr 5, every 10th loss:", every_10th)
print(f"lr 5: loss {losses[-1]} at step {len(losses)}")

# Fix 1: a smaller learning rate.
model = make_model()
losses = train(model, x, y, lr=0.5)
val_accuracy = accuracy(model, x_val, y_val)
print(f"lr 0.5: loss {losses[-1]:.3f}")
print(f"  val accuracy {val_accuracy:.3f}")

# Fix 2: keep lr 5, but clip the gradients' norm to 1.
model = make_model()
losses = train(model, x, y, lr=5.0, clip=1.0)
val_accuracy = accuracy(model, x_val, y_val)
print(f"lr 5 + clip: loss {losses[-1]:.3f}")
print(f"  val accuracy {val_accuracy:.3f}")
