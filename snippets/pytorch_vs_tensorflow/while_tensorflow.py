# needs: tensorflow
import tensorflow as tf


def double_until(x: tf.Tensor, limit: tf.Tensor) -> tf.Tensor:
    # plain Python: eager TensorFlow runs it line by line
    while x < limit:
        x = x * 2
    return x


# Eager (the default since TensorFlow 2.0): the same Python as PyTorch.
print(double_until(tf.constant(1.0), tf.constant(100.0)))

# tf.function traces the function into a graph. AutoGraph rewrites the Python
# `while` on a tensor into a tf.while_loop node, so the graph keeps the loop.
graph_version = tf.function(double_until)
print(graph_version(tf.constant(1.0), tf.constant(100.0)))
concrete = graph_version.get_concrete_function(
    tf.TensorSpec([], tf.float32), tf.TensorSpec([], tf.float32)
)
print(
    sorted(
        {
            op.type
            for op in concrete.graph.get_operations()
            if "While" in op.type
        }
    )
)

# The same loop written directly with the graph primitive: loop variables go in
# as a tuple and the body returns the next tuple.
(result,) = tf.while_loop(
    lambda x: x < 100.0, lambda x: (x * 2,), (tf.constant(1.0),)
)
print(result)
