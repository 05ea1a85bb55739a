package dev.warden.server.tickets;

import dev.warden.server.shared.ContentStore;
import org.springframework.stereotype.Component;

/** Ticket attachments on disk, one file per content hash under {@code warden.attachments.folder}. */
@Component
class AttachmentStore extends ContentStore {
    AttachmentStore(AttachmentSettings settings) {
        super(settings.folder(), settings.maxSize().toBytes(), "attachment (warden.attachments.max-size)");
    }
}
