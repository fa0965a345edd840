"""Render the test order to /tmp/docscratch for viewing (run through pytest so the test DB exists)."""
import io
from tests.committees.test_documents import *  # noqa

def test_dump(order):
    from tambonplan.committees.documents import order_pdf, order_docx
    open("/tmp/docscratch/order.pdf", "wb").write(order_pdf(fresh(order)))
    open("/tmp/docscratch/order.docx", "wb").write(order_docx(fresh(order)))
    order.state = OrderState.DRAFT; order.save()
    open("/tmp/docscratch/order_draft.pdf", "wb").write(order_pdf(fresh(order)))
