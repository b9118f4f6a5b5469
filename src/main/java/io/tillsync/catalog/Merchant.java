package io.tillsync.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "merchants")
class Merchant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String code;
    private String name;

    protected Merchant() {
    }

    Merchant(String code, String name) {
        this.code = code;
        this.name = name;
    }

    Long getId() {
        return id;
    }

    String getCode() {
        return code;
    }

    String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Merchant other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Merchant.class.hashCode();
    }
}
