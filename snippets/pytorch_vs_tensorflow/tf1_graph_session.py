# needs: tensorflow
# history: TensorFlow 1.x graphs and sessions, kept only in tf.compat.v1
import tensorflow as tf

# TensorFlow 1.x style, kept in TensorFlow 2 as tf.compat.v1.
# First define a graph...
graph = tf.Graph()
with graph.as_default():
    a = tf.compat.v1.placeholder(tf.float32, shape=())
    b = tf.compat.v1.placeholder(tf.float32, shape=())
    # no number yet: this only adds a node to the graph
    total = a + b
print(total)

# ...then run it in a session, feeding values for the placeholders.
with tf.compat.v1.Session(graph=graph) as session:
    print(session.run(total, feed_dict={a: 2.0, b: 3.0}))

# A shape error that the known shapes reveal is raised while the
# graph is built, at the line that adds the node: no session yet.
with graph.as_default():
    images = tf.compat.v1.placeholder(tf.float32, shape=(None, 3))
    weights = tf.zeros([4, 5])
    try:
        tf.matmul(images, weights)
    except ValueError as error:
        print("ValueError:", str(error).splitlines()[0])
