import logging

import jieba

# Without this, jieba logs how it loads its dictionary.
jieba.setLogLevel(logging.WARNING)

sentence = "这部电影不好看，但是演员很努力。"
# Characters: every character is a token.
print(list(sentence))
# Words: jieba cuts the sentence with its dictionary.
print(jieba.lcut(sentence))
