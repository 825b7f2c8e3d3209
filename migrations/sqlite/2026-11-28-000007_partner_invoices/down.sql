DELETE FROM notifications WHERE kind IN ('order_placed', 'order_status', 'invoice_due', 'invoice_overdue', 'invoice_paid');
DROP TABLE partner_invoices;
