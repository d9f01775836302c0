{{/* a comment */ }}
