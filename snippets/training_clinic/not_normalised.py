import math

from task import accuracy, load_data, make_model, standardize, train

x, y, x_val, y_val = load_data()

# Look at the inputs first: raw pixels run from 0 to 16.
print(f"raw inputs: mean {x.mean():.2f}, std {x.std():.2f}")
model = make_model()
losses = train(model, x, y, lr=0.5)
val_accuracy = accuracy(model, x_val, y_val)
print(f"raw: loss {losses[-1]:.3f}")
print(f"  val accuracy {val_accuracy:.3f}")
# A model that guesses all 10 digits equally scores log(10).
print(f"log(10) = {math.log(10):.3f}")

# Fix: standardise with the training set's statistics.
x, x_val = standardize(x, x_val)
print(f"scaled inputs: mean {x.mean():.2f}, std {x.std():.2f}")
model = make_model()
losses = train(model, x, y, lr=0.5)
val_accuracy = accuracy(model, x_val, y_val)
print(f"scaled: loss {losses[-1]:.3f}")
print(f"  val accuracy {val_accuracy:.3f}")
