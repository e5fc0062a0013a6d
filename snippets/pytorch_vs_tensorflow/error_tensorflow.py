# needs: tensorflow
import re

import tensorflow as tf


@tf.function
def forward(x: tf.Tensor) -> tf.Tensor:
    hidden = tf.matmul(x, tf.ones([4, 8]))
    # 8 != 6: the same bug
    return tf.matmul(hidden, tf.ones([6, 1]))


try:
    forward(tf.ones([2, 4]))
except ValueError as error:
    # Graph mode: the error comes while the function is traced into a graph.
    # TensorFlow maps it back to your line of code, then names the graph node.
    # Folders and line numbers are left out: they depend on where the file is.
    message = re.sub(r'File "[^"]*/', 'File "', str(error))
    message = re.sub(r", line \d+,", ",", message)
    print(type(error).__name__)
    print("\n".join(line for line in message.splitlines() if line.strip()))
