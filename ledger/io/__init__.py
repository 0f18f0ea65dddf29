"""Excel in and out (导入导出): the import template, the reader, and exports of data and tables."""
