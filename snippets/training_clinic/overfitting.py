from task import accuracy, load_data, make_model, standardize, train

x, y, x_val, y_val = load_data()
x, x_val = standardize(x, x_val)

for size in (50, 1437):
    model = make_model()
    train(model, x[:size], y[:size], lr=0.5, steps=300)
    train_accuracy = accuracy(model, x[:size], y[:size])
    val_accuracy = accuracy(model, x_val, y_val)
    print(
        f"{size:4d} training images: train accuracy "
        f"{train_accuracy:.3f}, val accuracy {val_accuracy:.3f}"
    )
