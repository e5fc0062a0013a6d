# needs: tensorflow
import tensorflow as tf

tf.random.set_seed(0)
x = tf.random.normal([32, 3])
# targets from known weights
y = x @ tf.constant([[1.0], [-2.0], [0.5]])

model = tf.keras.layers.Dense(1)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)


# optional: run the step as a graph (without it: eagerly)
@tf.function
def train_step() -> tf.Tensor:
    # records the forward pass, like autograd
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - y) ** 2)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(
        zip(gradients, model.trainable_variables, strict=True)
    )
    return loss


for _ in range(100):
    loss = train_step()

print(f"loss {float(loss):.6f}")
print(tf.round(tf.transpose(model.kernel) * 100) / 100)
