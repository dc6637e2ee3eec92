"""The Catalog page: the filterable resource table and the detail of one resource."""
