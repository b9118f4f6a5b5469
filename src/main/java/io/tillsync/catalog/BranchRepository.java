package io.tillsync.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface BranchRepository extends JpaRepository<BranchEntity, Long> {

    Optional<BranchEntity> findByCode(String code);
}
