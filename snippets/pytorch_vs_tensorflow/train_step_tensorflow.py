# needs: tensorflow
import tensorflow as tf

tf.random.set_seed(0)
x = tf.random.normal([32, 3])
y = x @ tf.constant([[1.0], [-2.0], [0.5]])  # targets from known weights

model = tf.keras.layers.Dense(1)
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)


@tf.function  # optional: run the step as a graph (without it: eagerly)
def train_step() -> tf.Tensor:
    with tf.GradientTape() as tape:  # records the forward pass, like autograd
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
