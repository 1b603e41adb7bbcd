"""The shared vocabulary every layer above speaks: the Document model, the kinds, heading numbers,
dates, snippets (one cached loader of snippets/*.yaml), figures, the 细则's date facts, Markdown <->
Document, and the one jieba tokenizer."""
