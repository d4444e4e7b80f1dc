"""article-facts: news articles in, citable facts out."""
