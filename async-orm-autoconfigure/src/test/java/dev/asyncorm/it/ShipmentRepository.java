package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface ShipmentRepository extends AsyncModelRepository<Shipment, Long> {

}
