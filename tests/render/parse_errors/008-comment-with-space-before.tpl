{{ /* a comment */ }}
