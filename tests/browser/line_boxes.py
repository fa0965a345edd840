"""The lines a browser laid an element's text out in, read from its characters' line boxes
(Range.getClientRects): a JavaScript function for `page.evaluate`, shared by the line-breaking tests."""

# (element) => ["first line", "second line", ...]
LINES_OF = """(element) => {
  const range = document.createRange();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const lines = [];
  let top = null;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box && (top === null || box.top > top + 5)) { lines.push(''); top = box.top; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}"""
