"""``sendqa/editor``: a form-based editor for the Local Offer at ``/admin/`` of the built site."""
