package dev.cairn.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
public class Services {
    public Optional<ServiceView> find(long id) {
        return Optional.empty();
    }

    public List<ServiceView> all() {
        return List.of();
    }
}
