"""The view models of kg's HTML pages: plain data computed once from the graph, then rendered.

Data flows one way: :mod:`hubs` and :mod:`communities` read the graph,
:mod:`kg.exports.layout` places nodes, :mod:`details` says what a panel shows,
:mod:`view_model` and :mod:`insights` assemble a page's data, and
:mod:`assets` turns data into a self-contained, script-safe HTML file. Nothing here
calls back into :mod:`kg.exports.html`.
"""
