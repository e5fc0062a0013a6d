# needs: tensorflow
import tensorflow as tf


# AutoGraph turns the tensor-valued `if` into tf.cond
@tf.function
def scale(x: tf.Tensor) -> tf.Tensor:
    if tf.reduce_sum(x) > 0:
        return x * 2
    return -x


print(scale(tf.constant([1.0, 2.0])))
print(scale(tf.constant([-1.0, -2.0])))


# The explicit graph primitive: both branches are functions, tf.cond picks one.
def scale_with_cond(x: tf.Tensor) -> tf.Tensor:
    return tf.cond(tf.reduce_sum(x) > 0, lambda: x * 2, lambda: -x)


print(scale_with_cond(tf.constant([-1.0, -2.0])))
